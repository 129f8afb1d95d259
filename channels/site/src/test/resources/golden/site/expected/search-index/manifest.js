hubSearch.loaded("manifest",{"sections":9,"sectionsPerShard":32,"terms":[["100k","27f2c57633"]],"docs":["af7e950c2c"]});
